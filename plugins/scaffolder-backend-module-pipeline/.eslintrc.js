module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Tests assert through the shared helpers of
    // @canopy-idp/plugin-scaffolder-node/testUtils and fast-check.
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: [
          'expect',
          'expectReadAsMeant',
          'checkExample',
          'fc.assert',
        ],
      },
    ],
  },
});
