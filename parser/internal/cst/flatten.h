// flatten.h declares the small part of tree-sitter's C API that typd uses and
// the one-call tree flattener. The symbols are linked from
// github.com/tree-sitter/go-tree-sitter, which compiles the tree-sitter core.
#ifndef TYPD_FLATTEN_H
#define TYPD_FLATTEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct TSLanguage TSLanguage;
typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct { uint32_t row; uint32_t column; } TSPoint;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *self);
bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length);
void ts_tree_delete(TSTree *self);
TSNode ts_tree_root_node(const TSTree *self);
TSSymbol ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
TSPoint ts_node_start_point(TSNode self);
TSPoint ts_node_end_point(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_is_extra(TSNode self);
bool ts_node_is_error(TSNode self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
uint32_t ts_language_symbol_count(const TSLanguage *self);
uint32_t ts_language_field_count(const TSLanguage *self);
const char *ts_language_field_name_for_id(const TSLanguage *self, TSFieldId id);
const char *ts_language_symbol_name(const TSLanguage *self, TSSymbol symbol);
void ts_set_allocator(void *(*new_malloc)(size_t), void *(*new_calloc)(size_t, size_t),
                      void *(*new_realloc)(void *, size_t), void (*new_free)(void *));
const TSLanguage *tree_sitter_python(void);

// Node flags.
enum { FLAT_NAMED = 1, FLAT_MISSING = 2, FLAT_ERROR = 4, FLAT_EXTRA = 8 };

// flat_node is one node of a tree in preorder; end is the index one past its subtree.
typedef struct {
  uint16_t sym;
  uint16_t field;
  uint32_t flags;
  uint32_t start_byte, end_byte;
  uint32_t start_row, start_col, end_row, end_col;
  uint32_t end;
} flat_node;

// flat_result owns the nodes of one parse; free it with flat_free.
typedef struct {
  flat_node *nodes;
  uint32_t len;
  uint32_t cap;
} flat_result;

// flat_parse parses src with p and flattens the whole tree into out.
// It deletes the tree before it returns. It returns false when out of memory.
bool flat_parse(TSParser *p, const char *src, uint32_t len, flat_result *out);
void flat_free(flat_result *r);
void flat_use_libc_malloc(void);

#endif
