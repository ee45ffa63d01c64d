import assert from "node:assert/strict";

/** A strict RFC 4180 reader with ';' as the separator: fails on a stray quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        assert.ok(i >= text.length || text[i] === ";" || text[i] === "\r", `a quote closes a field only before ';' or CRLF (at ${i})`);
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      assert.equal(field, "", `a quote opens a field only at its start (at ${i})`);
      quoted = true;
      i++;
    } else if (c === ";") {
      row.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      assert.notEqual(c, "\n", `a bare LF outside quotes (at ${i})`);
      field += c;
      i++;
    }
  }
  assert.equal(quoted, false, "an unclosed quote");
  assert.ok(field === "" && row.length === 0, "the file ends with CRLF");
  return rows;
}
