/** The one path rule every action and the pipeline share (issue 21, items 2-4). */
import { BRANCH_PATTERN, pathProblem, relativePath } from './inputs';

describe('pathProblem', () => {
  it.each([
    'openstack',
    'openstack/web',
    'a.b/c_d/e-f',
    '.github/workflows',
    '.gitignore',
    'x.git',
    'a/.gitlab',
    '.x',
  ])('accepts %j', value => {
    expect(pathProblem(value)).toBeUndefined();
  });

  it.each([
    ['', /1-255 of letters/],
    ['a b', /1-255 of letters/],
    ['a'.repeat(256), /1-255 of letters/],
    ['/abs', /must not start or end with '\/'/],
    ['a/', /must not start or end with '\/'/],
    ['a//b', /contain '\/\/'/],
    ['.', /a '\.' segment/],
    ['a/./b', /a '\.' segment/],
    ['..', /starting with '\.\.'/],
    ['..x', /starting with '\.\.'/],
    ['a/...', /starting with '\.\.'/],
    ['-tf', /starting with '-' \(a shell command would read it as an option\)/],
    ['a/-b', /starting with '-'/],
    ['.git', /a '\.git' segment/],
    ['a/.git', /a '\.git' segment/],
    ['.git/hooks', /a '\.git' segment/],
    ['a/.Git/b', /a '\.git' segment/],
    ['.git.', /a '\.git' segment/],
    ['a/.git../b', /a '\.git' segment/],
  ])('refuses %j', (value, rule) => {
    expect(pathProblem(value)).toMatch(rule);
  });
});

describe('relativePath', () => {
  it('names the field and the whole rule', () => {
    const result = relativePath('targetPath').safeParse('a/.git');
    expect(result.success).toBe(false);
    expect(!result.success && result.error.issues[0].message).toBe(
      "targetPath must not have a '.git' segment (Git keeps its own data there: such files never reach a pull request) (rule: a relative path of letters, digits, '.', '_', '-' and '/' (no empty, '.' or '.git' segment, none starting with '..' or '-', at most 255 characters))",
    );
  });

  it("takes '.' only where the top folder is allowed", () => {
    expect(relativePath('targetPath').safeParse('.').success).toBe(false);
    expect(
      relativePath('targetPath', { root: true }).safeParse('.').success,
    ).toBe(true);
  });
});

describe('BRANCH_PATTERN', () => {
  it.each([
    'main',
    'release/1.2',
    'feature/a-b_c',
    'v1.0',
    'a.b',
    'x/y.lockfile',
  ])('takes %j', branch => expect(BRANCH_PATTERN.test(branch)).toBe(true));

  // What git check-ref-format --branch refuses, and what a workflow reads
  // as something else than a branch name.
  it.each([
    '',
    'HEAD',
    '.hidden',
    'a/.b',
    '-main',
    'a/-b',
    'a..b',
    'a//b',
    'a/',
    '/a',
    'a.',
    'x.lock',
    'a.lock/b',
    'release+1',
    '${{github.token}}',
    'a\u2028b',
    'a b',
    '*',
  ])('refuses %j', branch => expect(BRANCH_PATTERN.test(branch)).toBe(false));
});
