/**
 * What the pull request says about a root's credentials reads back exactly:
 * code spans through a CommonMark renderer (marked).
 */
import { marked } from 'marked';
import { codeSpan } from './pipelineSettings';

/** The text a code span shows, as a CommonMark renderer gives it. */
function shown(markdown: string): string {
  const tokens = marked.lexer(markdown);
  const paragraph = tokens[0] as {
    tokens?: Array<{ type: string; text: string }>;
  };
  const code = paragraph.tokens?.find(t => t.type === 'codespan');
  return code
    ? code.text
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
    : '';
}

describe('codeSpan', () => {
  it.each([
    'demo',
    ' demo ',
    ' demo',
    'demo ',
    '  two  ',
    ' ',
    '   ',
    '`',
    '` a `',
    'a``b',
    ' `x` ',
    '\tdemo\t',
  ])('shows %j exactly', text => {
    expect(shown(`project ${codeSpan(text)}.`)).toBe(text);
  });
});
