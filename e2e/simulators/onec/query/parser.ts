import { SyntaxError1C, tokenize, type Token } from './lexer';

// Recursive-descent parser for $filter and $orderby (OData v3 grammar, ref §1.5).

export type Literal =
  | { k: 'null' }
  | { k: 'bool'; v: boolean }
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'typed'; kind: string; v: string };

export type BinOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'and' | 'or' | 'add' | 'sub' | 'mul' | 'div' | 'mod';

export type Expr =
  | { t: 'lit'; v: Literal }
  | { t: 'path'; segs: string[] }
  | { t: 'bin'; op: BinOp; l: Expr; r: Expr }
  | { t: 'not'; e: Expr }
  | { t: 'neg'; e: Expr }
  | { t: 'call'; name: string; args: Expr[] }
  | { t: 'lambda'; source: string[]; kind: 'any' | 'all'; variable?: string; body?: Expr };

export interface OrderItem {
  expr: Expr;
  desc: boolean;
}

const COMPARISON = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const ADDITIVE = new Set(['add', 'sub']);
const MULTIPLICATIVE = new Set(['mul', 'div', 'mod']);

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i];
  }

  private next(): Token {
    return this.toks[this.i++];
  }

  private isWord(w: string, tok = this.peek()): boolean {
    return tok.t === 'id' && tok.v === w;
  }

  private isPunct(p: string, tok = this.peek()): boolean {
    return tok.t === 'punct' && tok.v === p;
  }

  private expectPunct(p: string): void {
    const tok = this.next();
    if (!this.isPunct(p, tok)) throw new SyntaxError1C(`Ожидается '${p}'`, tok.pos);
  }

  atEnd(): boolean {
    return this.peek().t === 'eof';
  }

  expression(): Expr {
    return this.or();
  }

  private or(): Expr {
    let l = this.and();
    while (this.isWord('or')) {
      this.next();
      l = { t: 'bin', op: 'or', l, r: this.and() };
    }
    return l;
  }

  private and(): Expr {
    let l = this.comparison();
    while (this.isWord('and')) {
      this.next();
      l = { t: 'bin', op: 'and', l, r: this.comparison() };
    }
    return l;
  }

  private comparison(): Expr {
    let l = this.additive();
    while (this.peek().t === 'id' && COMPARISON.has((this.peek() as { v: string }).v)) {
      const op = (this.next() as { v: string }).v as BinOp;
      l = { t: 'bin', op, l, r: this.additive() };
    }
    return l;
  }

  private additive(): Expr {
    let l = this.multiplicative();
    while (this.peek().t === 'id' && ADDITIVE.has((this.peek() as { v: string }).v)) {
      const op = (this.next() as { v: string }).v as BinOp;
      l = { t: 'bin', op, l, r: this.multiplicative() };
    }
    return l;
  }

  private multiplicative(): Expr {
    let l = this.unary();
    while (this.peek().t === 'id' && MULTIPLICATIVE.has((this.peek() as { v: string }).v)) {
      const op = (this.next() as { v: string }).v as BinOp;
      l = { t: 'bin', op, l, r: this.unary() };
    }
    return l;
  }

  private unary(): Expr {
    if (this.isWord('not')) {
      this.next();
      return { t: 'not', e: this.unary() };
    }
    if (this.isWord('-')) {
      this.next();
      return { t: 'neg', e: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    const tok = this.next();
    switch (tok.t) {
      case 'str':
        return { t: 'lit', v: { k: 'str', v: tok.v } };
      case 'num':
        return { t: 'lit', v: { k: 'num', v: tok.v } };
      case 'typed':
        return { t: 'lit', v: { k: 'typed', kind: tok.kind, v: tok.v } };
      case 'punct':
        if (tok.v === '(') {
          const e = this.expression();
          this.expectPunct(')');
          return e;
        }
        throw new SyntaxError1C(`Неожиданный символ '${tok.v}'`, tok.pos);
      case 'eof':
        throw new SyntaxError1C('Неожиданный конец выражения', tok.pos);
      case 'id':
        return this.identifier(tok.v, tok.pos);
    }
  }

  private identifier(word: string, pos: number): Expr {
    if (word === 'null') return { t: 'lit', v: { k: 'null' } };
    if (word === 'true' || word === 'false') return { t: 'lit', v: { k: 'bool', v: word === 'true' } };
    if (word === '-' || COMPARISON.has(word) || word === 'and' || word === 'or') {
      throw new SyntaxError1C(`Неожиданное слово '${word}'`, pos);
    }
    if (this.isPunct('(')) {
      this.next();
      const args: Expr[] = [];
      if (!this.isPunct(')')) {
        args.push(this.expression());
        while (this.isPunct(',')) {
          this.next();
          args.push(this.expression());
        }
      }
      this.expectPunct(')');
      return { t: 'call', name: word, args };
    }
    const segs = [word];
    while (this.isPunct('/')) {
      this.next();
      const seg = this.next();
      if (seg.t !== 'id') throw new SyntaxError1C('Ожидается имя свойства', seg.pos);
      if ((seg.v === 'any' || seg.v === 'all') && this.isPunct('(')) return this.lambda(segs, seg.v);
      segs.push(seg.v);
    }
    return { t: 'path', segs };
  }

  private lambda(source: string[], kind: 'any' | 'all'): Expr {
    this.expectPunct('(');
    if (this.isPunct(')')) {
      this.next();
      if (kind === 'all') throw new SyntaxError1C('all() требует условие', this.peek().pos);
      return { t: 'lambda', source, kind };
    }
    const v = this.next();
    if (v.t !== 'id') throw new SyntaxError1C('Ожидается имя переменной', v.pos);
    this.expectPunct(':');
    const body = this.expression();
    this.expectPunct(')');
    return { t: 'lambda', source, kind, variable: v.v, body };
  }

  orderby(): OrderItem[] {
    const items: OrderItem[] = [];
    for (;;) {
      const expr = this.expression();
      let desc = false;
      if (this.isWord('asc') || this.isWord('desc')) desc = (this.next() as { v: string }).v === 'desc';
      items.push({ expr, desc });
      if (!this.isPunct(',')) break;
      this.next();
    }
    return items;
  }
}

export function parseFilter(src: string): Expr {
  const p = new Parser(tokenize(src));
  const e = p.expression();
  if (!p.atEnd()) throw new SyntaxError1C('Лишние символы в конце выражения', src.length);
  return e;
}

export function parseOrderBy(src: string): OrderItem[] {
  const p = new Parser(tokenize(src));
  const items = p.orderby();
  if (!p.atEnd()) throw new SyntaxError1C('Лишние символы в конце выражения', src.length);
  return items;
}

export { SyntaxError1C };
