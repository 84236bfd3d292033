import type { CST } from 'yaml';

export interface Comment {
  /** Offset of the `#`. */
  offset: number;
  /** The comment as written, `#` included. */
  text: string;
}

/** Every `#` comment in the token stream, in source order. Iterative: token trees can be deep. */
export function collectComments(tokens: readonly CST.Token[]): Comment[] {
  const comments: Comment[] = [];
  const stack: unknown[] = [...tokens].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else if (node && typeof node === 'object') {
      const token = node as { type?: string; offset?: number; source?: string };
      if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
        comments.push({ offset: token.offset, text: token.source });
        continue;
      }
      const children = Object.values(node).filter((v) => v && typeof v === 'object');
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return comments.sort((a, b) => a.offset - b.offset);
}
