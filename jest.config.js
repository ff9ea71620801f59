/** Unit and integration tests: node for core/ledger/server/sandbox, jsdom for React. */
const tsJest = [
  "ts-jest",
  { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx", isolatedModules: true }, diagnostics: false },
];
// Integration tests start servers and sandboxes: give them room on a busy 2-core machine.
const common = { transform: { "^.+\\.tsx?$": tsJest }, moduleFileExtensions: ["ts", "tsx", "js", "json"], testTimeout: 30000 };
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: "node",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/test/taskpane/"],
    },
    {
      ...common,
      displayName: "jsdom",
      testEnvironment: "<rootDir>/test/jsdom-env.js",
      testMatch: ["<rootDir>/test/taskpane/**/*.test.ts?(x)"],
    },
  ],
};
