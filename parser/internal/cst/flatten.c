#include <stdlib.h>
#include "flatten.h"

void flat_use_libc_malloc(void) { ts_set_allocator(NULL, NULL, NULL, NULL); }

void flat_free(flat_result *r) {
  free(r->nodes);
  r->nodes = NULL;
  r->len = r->cap = 0;
}

static bool push(flat_result *r, const TSTreeCursor *c) {
  if (r->len == r->cap) {
    uint32_t cap = r->cap ? r->cap * 2 : 1024;
    flat_node *n = realloc(r->nodes, (size_t)cap * sizeof(flat_node));
    if (!n) return false;
    r->nodes = n;
    r->cap = cap;
  }
  TSNode node = ts_tree_cursor_current_node(c);
  flat_node *f = &r->nodes[r->len++];
  TSPoint sp = ts_node_start_point(node), ep = ts_node_end_point(node);
  f->sym = ts_node_symbol(node);
  f->field = ts_tree_cursor_current_field_id(c);
  f->flags = (ts_node_is_named(node) ? FLAT_NAMED : 0) |
             (ts_node_is_missing(node) ? FLAT_MISSING : 0) |
             (ts_node_is_error(node) ? FLAT_ERROR : 0) |
             (ts_node_is_extra(node) ? FLAT_EXTRA : 0);
  f->start_byte = ts_node_start_byte(node);
  f->end_byte = ts_node_end_byte(node);
  f->start_row = sp.row;
  f->start_col = sp.column;
  f->end_row = ep.row;
  f->end_col = ep.column;
  f->end = 0;
  return true;
}

bool flat_parse(TSParser *p, const char *src, uint32_t len, flat_result *out) {
  out->nodes = NULL;
  out->len = out->cap = 0;
  TSTree *tree = ts_parser_parse_string(p, NULL, src, len);
  if (!tree) return false;
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  // open holds the indices of the nodes whose subtree is still being walked.
  uint32_t *open = NULL;
  size_t depth = 0, open_cap = 0;
  bool ok = true;
  for (;;) {
    if (depth == open_cap) {
      open_cap = open_cap ? open_cap * 2 : 256;
      uint32_t *o = realloc(open, open_cap * sizeof(uint32_t));
      if (!o) { ok = false; break; }
      open = o;
    }
    if (!push(out, &c)) { ok = false; break; }
    open[depth++] = out->len - 1;
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    // Close nodes until one has a next sibling.
    for (;;) {
      out->nodes[open[--depth]].end = out->len;
      if (depth == 0) goto done;
      if (ts_tree_cursor_goto_next_sibling(&c)) break;
      ts_tree_cursor_goto_parent(&c);
    }
  }
done:
  free(open);
  ts_tree_cursor_delete(&c);
  ts_tree_delete(tree);
  if (!ok) flat_free(out);
  return ok;
}
