// The words every match of an anchored expression holds, read from the expression itself: the prefilter looks for
// them in a file, mentionsIn() in a word before it asks modelShape().

/** The end of the group opening at `open` (the index of its `)`), or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === '[') while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The literal text `source` starts with (escaped punctuation read as itself), without a last character a quantifier makes optional. */
function literalPrefix(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && /[.\-\/:@]/.test(source[i + 1] ?? '')) out += source[++i];
    else if (/[A-Za-z0-9_\-\/:@ ]/.test(ch)) out += ch;
    else {
      if (/[?*{]/.test(ch)) out = out.slice(0, -1);
      break;
    }
  }
  return out;
}

/** Whether a piece of an expression is literal text to its end (letters, digits and escaped punctuation). */
const isLiteral = (source: string): boolean => /^(?:[A-Za-z0-9_\-\/:@ ]|\\[.\-\/:@])*$/.test(source);

/** Top-level alternatives of a group's content. */
function splitAlternatives(content: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < content.length; i++) {
    if (content[i] === '\\') i++;
    else if (content[i] === '(' || content[i] === '[') i = content[i] === '(' ? groupEnd(content, i) : content.indexOf(']', i);
    else if (content[i] === '|') {
      parts.push(content.slice(start, i));
      start = i + 1;
    }
    if (i < 0) return [content];
  }
  return [...parts, content.slice(start)];
}

/**
 * Words one of which every match of an anchored expression (a model-id shape) holds: the literal text each of its
 * alternatives begins with (optional groups in front skipped; an alternative literal to its end goes on with the
 * literal text after its group: `(?:meta|amazon)\.` gives `meta.` and `amazon.`), else the literal text it ends with.
 * Undefined when neither is at least two characters long for every alternative.
 */
export function requiredWords(re: RegExp): string[] | undefined {
  let source = re.source.replace(/^\^/, '');
  for (;;) {
    if (!source.startsWith('(')) break;
    const end = groupEnd(source, 0);
    if (end < 0 || !/[?*]/.test(source[end + 1] ?? '')) break;
    source = source.slice(end + 2);
  }
  let words: string[];
  if (source.startsWith('(')) {
    const end = groupEnd(source, 0);
    if (end < 0 || /[?*{]/.test(source[end + 1] ?? '')) return undefined;
    const content = source.slice(source.startsWith('(?:') ? 3 : 1, end);
    // after a group taken more than once, the next text need not follow the first alternative
    const after = source[end + 1] === '+' ? '' : literalPrefix(source.slice(end + 1));
    words = splitAlternatives(content).map((alternative) =>
      isLiteral(alternative) ? literalPrefix(alternative) + after : literalPrefix(alternative),
    );
  } else words = [literalPrefix(source)];
  if (words.every((w) => w.length >= 2)) return words;
  const suffix = /(?:[A-Za-z0-9_:@-]|\\[.\/-])+(?=\$$)/.exec(re.source)?.[0].replace(/\\/g, '');
  // a literal end is in every match unless the expression has alternatives at its top level
  return suffix && suffix.length >= 3 && splitAlternatives(re.source).length === 1 ? [suffix] : undefined;
}

/** A word as literal text of an expression. */
export const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
