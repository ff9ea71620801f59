/** Unit and integration tests: node for core/ledger/server/sandbox, jsdom for React. */
const tsJest = [
  "ts-jest",
  { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx", isolatedModules: true }, diagnostics: false },
];
const common = { transform: { "^.+\\.tsx?$": tsJest }, moduleFileExtensions: ["ts", "tsx", "js", "json"] };
module.exports = {
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
