// Tokenizer for $filter / $orderby expressions (OData v3 syntax as 1С accepts it, ref §1.5).

export type Token =
  | { t: 'id'; v: string; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'num'; v: number; raw: string; pos: number }
  | { t: 'typed'; kind: string; v: string; pos: number } // guid'…', datetime'…'
  | { t: 'punct'; v: '(' | ')' | ',' | '/' | ':' | '*'; pos: number }
  | { t: 'eof'; pos: number };

export class SyntaxError1C extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const TYPED = new Set(['guid', 'datetime', 'datetimeoffset', 'time', 'binary', 'x']);
const ID_START = /[\p{L}_$]/u;
const ID_PART = /[\p{L}\p{N}_$]/u;

function readQuoted(src: string, start: number): { v: string; end: number } {
  let i = start + 1;
  let out = '';
  for (;;) {
    if (i >= src.length) throw new SyntaxError1C('Незакрытая кавычка', start);
    const c = src[i];
    if (c === "'") {
      if (src[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      return { v: out, end: i + 1 };
    }
    out += c;
    i++;
  }
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c === "'") {
      const q = readQuoted(src, i);
      out.push({ t: 'str', v: q.v, pos: i });
      i = q.end;
      continue;
    }
    if ('(),/:*'.includes(c)) {
      out.push({ t: 'punct', v: c as '(' | ')' | ',' | '/' | ':' | '*', pos: i });
      i++;
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?/.exec(src.slice(i));
    if (num && (c !== '-' || /\d/.test(src[i + 1] ?? ''))) {
      const raw = num[0];
      out.push({ t: 'num', v: Number(raw.replace(/[mMdDfFlL]$/, '')), raw, pos: i });
      i += raw.length;
      continue;
    }
    if (c === '-') {
      out.push({ t: 'id', v: '-', pos: i });
      i++;
      continue;
    }
    if (ID_START.test(c)) {
      let j = i + 1;
      while (j < src.length && ID_PART.test(src[j])) j++;
      const word = src.slice(i, j);
      if (src[j] === "'" && TYPED.has(word.toLowerCase())) {
        const q = readQuoted(src, j);
        out.push({ t: 'typed', kind: word.toLowerCase(), v: q.v, pos: i });
        i = q.end;
        continue;
      }
      out.push({ t: 'id', v: word, pos: i });
      i = j;
      continue;
    }
    throw new SyntaxError1C(`Неожиданный символ '${c}'`, i);
  }
  out.push({ t: 'eof', pos: src.length });
  return out;
}
