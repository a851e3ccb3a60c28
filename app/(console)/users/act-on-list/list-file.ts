/** Header cells a CSV of emails or ids (this page's own results CSV among them) may start with. */
const HEADERS = new Set(["entry", "email", "emails", "id", "user_id", "userid", "user id", "user"]);

/** The first cell of a CSV line, unquoted ("a,b" and "say ""hi""" as a spreadsheet writes them). */
function firstCell(line: string): string {
  const text = line.trimStart();
  if (!text.startsWith('"')) return text.split(",", 1)[0] ?? "";
  let cell = "";
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== '"') cell += text[i];
    else if (text[i + 1] !== '"') break;
    else {
      cell += '"';
      i++;
    }
  }
  return cell;
}

/**
 * An uploaded list as the textarea shows it, one entry per line: a .txt as it is, a .csv by its
 * first column (without a header row such as "email" or "entry"), so a spreadsheet export or
 * the results CSV of an earlier job can be uploaded as it is.
 */
export function listFromFile(name: string, text: string): { text: string; note: string } {
  const body = text.replace(/^\uFEFF/, "");
  if (!/\.csv$/i.test(name)) return { text: body, note: `Loaded ${name}.` };
  const lines = body.split(/\r?\n/).map(firstCell);
  const first = lines[0]?.trim();
  const header = first !== undefined && HEADERS.has(first.toLowerCase());
  return {
    text: (header ? lines.slice(1) : lines).join("\n"),
    note: `Loaded ${name}: its first column${header ? `, without the “${first}” header` : ""}.`,
  };
}
