package protocol

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// jsonSamples are texts on which parseJSON must agree with encoding/json:
// valid ones and malformed ones of every kind.
var jsonSamples = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `12.5e3`, `-1E-7`, `1e400`, `"x"`,
	` { "a" : [1, "two", null, true, {"b": {}}] , "a": 2 } `,
	`{"out": "m.py:1: error: Name \"x\" is not defined  [name-defined]\nFound 1 error\n", "status": 1}`,
	`"\u00e9\ud83d\ude00 \ud800 \udc00x \t\\\/\b\f\r"`, `"caf\u00E9"`, "\"\xff\xfe raw\"", "\"\xe2\x82\"",
	`{"a" 1}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{1: 2}`, `"abc`, `"a\qb"`, `"\u12"`, `"\u12G4"`, "\"a\nb\"",
	`01`, `1.`, `.5`, `-`, `+1`, `1e`, `1e+`, `tru`, `nul`, `[`, `{`, `{"a":`, `[] []`, `"\`, ``, `  `,
}

// TestParseJSONAgreesWithEncodingJSON checks parseJSON against the
// standard library on every sample: the same value, or both refusing.
func TestParseJSONAgreesWithEncodingJSON(t *testing.T) {
	for _, text := range jsonSamples {
		agree(t, []byte(text))
	}
}

// FuzzParseJSON checks parseJSON against the standard library on any text
// nested within maxDepth.
func FuzzParseJSON(f *testing.F) {
	for _, text := range jsonSamples {
		f.Add([]byte(text))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		if bytes.Count(text, []byte("["))+bytes.Count(text, []byte("{")) > maxDepth {
			t.Skip()
		}
		agree(t, text)
	})
}

func agree(t *testing.T, text []byte) {
	t.Helper()
	got, err := parseJSON(text)
	var want any
	wantErr := json.Unmarshal(text, &want)
	switch {
	case (err != nil) != (wantErr != nil):
		t.Errorf("%q: parseJSON says %v, encoding/json %v", text, err, wantErr)
	case err == nil && !reflect.DeepEqual(got, want):
		t.Errorf("%q: parseJSON makes %#v, encoding/json %#v", text, got, want)
	}
}

// TestParseJSONDepth checks that nesting beyond maxDepth is refused with a
// message, however deep (no stack grows with it).
func TestParseJSONDepth(t *testing.T) {
	if _, err := parseJSON([]byte(strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth))); err != nil {
		t.Errorf("nesting of %d: %v", maxDepth, err)
	}
	deep := strings.Repeat("[", 1_000_000)
	if _, err := parseJSON([]byte(deep)); err == nil || !strings.Contains(err.Error(), "nested more than 100 deep") {
		t.Errorf("nesting of a million: %v", err)
	}
}

// TestAppendJSONReadsBack checks that what AppendJSON writes is JSON that
// encoding/json reads as the same value, strings of every kind included.
func TestAppendJSONReadsBack(t *testing.T) {
	values := []any{nil, true, false, "", "plain", "quote \" backslash \\ newline \n tab \t nul \x00 del \x7f",
		"é 😀 \u2028", "bad \xff byte", 0, -12, 1.5, 0.000001, 1e-7, 1e21, 123456789.125, -0.0,
		[]string{"a", "b"}, []any{1.0, "x", nil}, map[string]any{"z": 1, "a": map[string]any{"k": []any{}}}}
	for _, v := range values {
		text, err := AppendJSON(nil, v)
		if err != nil {
			t.Errorf("%#v: %v", v, err)
			continue
		}
		var back any
		if err := json.Unmarshal(text, &back); err != nil {
			t.Errorf("%#v written as %s: %v", v, text, err)
			continue
		}
		want, _ := json.Marshal(v)
		var wantBack any
		json.Unmarshal(want, &wantBack)
		if !reflect.DeepEqual(back, wantBack) {
			t.Errorf("%#v written as %s, which reads as %#v; encoding/json's as %#v", v, text, back, wantBack)
		}
		if again, _ := parseJSON(text); !reflect.DeepEqual(again, back) {
			t.Errorf("%s: parseJSON reads %#v", text, again)
		}
	}
	for _, v := range []any{struct{}{}, []int{1}, map[string]int{}} {
		if _, err := AppendJSON(nil, v); err == nil {
			t.Errorf("%#v written without an error", v)
		}
	}
}

// TestMessagesRoundTrip checks that requests and responses read back as
// written, that a list given empty stays distinct from one not given, and
// that encoding/json reads them as the wire's field names say.
func TestMessagesRoundTrip(t *testing.T) {
	reqs := []Request{
		{Command: "recheck"},
		{Command: "recheck", Update: []string{}, Remove: []string{"a.py"}, IsTTY: true, TerminalWidth: 80},
		{Command: "run", Version: "0.1", Args: []string{"--strict", "é.py"}, ExportTypes: true},
		{Command: "check", Files: []string{"x.py"}, FSWatcherDumpFile: "d.json"},
		{Command: "inspect", Inspect: &InspectRequest{Location: "a.py:1:2", Show: "attrs", Verbosity: 2, Limit: 3,
			IncludeSpan: true, IncludeKind: true, IncludeObjectAttrs: true, UnionAttrs: true, ForceReload: true}},
		{Command: "suggest", Suggest: &SuggestRequest{Function: "m.f", JSON: true, NoErrors: true, NoAny: true,
			FlexAny: 0.5, Callsites: true, UseFixme: "FIXME", MaxGuesses: 9}},
		{Command: "suggest", Suggest: &SuggestRequest{Function: "m.f", FlexAny: -1}},
	}
	for _, req := range reqs {
		var buf bytes.Buffer
		if err := WriteMessage(&buf, &req); err != nil {
			t.Fatal(err)
		}
		var back Request
		if err := ReadMessage(bytes.NewReader(buf.Bytes()), &back); err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		if !reflect.DeepEqual(back, req) {
			t.Errorf("wrote %+v, read %+v", req, back)
		}
	}
	resp := Response{Out: "a.py:1: error: \"x\"\n", Err: "warn\n", Status: 1, Error: "e", Restart: "flags",
		Stats: map[string]any{"total_time": 0.25, "analyzed_modules": 3.0}, PythonVersion: "3.11", Platform: "linux"}
	var buf bytes.Buffer
	if err := WriteMessage(&buf, &resp); err != nil {
		t.Fatal(err)
	}
	var generic map[string]any
	if err := json.Unmarshal(buf.Bytes()[4:], &generic); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"out": resp.Out, "err": resp.Err, "status": 1.0, "error": "e", "restart": "flags",
		"stats": resp.Stats, "python_version": "3.11", "platform": "linux"}
	if !reflect.DeepEqual(generic, want) {
		t.Errorf("encoding/json reads %#v", generic)
	}
	var back Response
	if err := ReadMessage(&buf, &back); err != nil || !reflect.DeepEqual(back, resp) {
		t.Errorf("read %+v, %v", back, err)
	}
}

// TestReadMessageRefusesBadFields checks that a field of the wrong type,
// or a message that is not an object, is an error naming it.
func TestReadMessageRefusesBadFields(t *testing.T) {
	for text, want := range map[string]string{
		`{"command": 1}`:                              `field "command" is not a string`,
		`{"command": "x", "update": ["a", 2]}`:        `field "update" is not a list of strings`,
		`{"command": "x", "terminal_width": 1.5}`:     `field "terminal_width" is not an integer`,
		`{"command": "x", "inspect": []}`:             `field "inspect" is not an object`,
		`{"command": "x", "inspect": {"limit": "3"}}`: `field "limit" is not a number`,
		`[]`: "the request is not a JSON object",
		`{`:  "message is not valid JSON",
	} {
		frame := append([]byte{0, 0, 0, byte(len(text))}, text...)
		var req Request
		if err := ReadMessage(bytes.NewReader(frame), &req); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", text, err, want)
		}
	}
}

// FuzzAppendString checks that any string, valid UTF-8 or not, is written
// as JSON that encoding/json reads as it reads its own writing of it.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c\nd\te\x01", "é😀", "bad \xff\xfe byte", "\xe2\x82"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want string
		if err := json.Unmarshal(appendString(nil, s), &got); err != nil {
			t.Fatalf("%q written as %s: %v", s, appendString(nil, s), err)
		}
		std, _ := json.Marshal(s)
		json.Unmarshal(std, &want)
		if got != want {
			t.Errorf("%q reads back as %q, encoding/json's as %q", s, got, want)
		}
	})
}
