// ESLint options for the packages whose tests assert through the helpers of
// @canopy-idp/plugin-scaffolder-node/testUtils and fast-check, so that
// jest/expect-expect knows those calls assert.
module.exports = {
  rules: {
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: [
          'expect',
          'expectReadAsMeant',
          'expectValidEntity',
          'checkExample',
          'fc.assert',
        ],
      },
    ],
  },
};
