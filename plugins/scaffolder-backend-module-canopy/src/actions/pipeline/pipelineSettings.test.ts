/**
 * What the pull request says about a root's credentials reads back exactly:
 * code spans through a CommonMark renderer (marked).
 */
import { marked } from 'marked';
import {
  codeSpan,
  credentialSuffix,
  describeTarget,
  readRootFile,
  rootFileContent,
} from './pipelineSettings';

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

describe('the root file', () => {
  it('reads back the target it names, and nothing that is not one', () => {
    const target = { cloud: 'lab', project: ' demo ', region: 'RegionOne' };
    expect(readRootFile(rootFileContent(target))).toEqual({
      suffix: credentialSuffix(target),
      target,
    });
    expect(readRootFile(rootFileContent({ project: 'p' }))?.target).toEqual({
      project: 'p',
    });
    for (const text of [
      '',
      'x',
      '[]',
      'null',
      '{"credentialSuffix":"A"}',
      '{"credentialSuffix":"A","project":1}',
    ])
      expect(readRootFile(text)).toBeUndefined();
  });

  it('is described with the exact names', () => {
    expect(describeTarget({ cloud: 'lab', project: ' demo ' })).toBe(
      'cloud "lab", project " demo "',
    );
  });
});
