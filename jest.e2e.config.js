/** Browser tests: real servers, the built add-in, headless Chromium. Run after `npm run build`. */
module.exports = {
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node" }, diagnostics: false }],
  },
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
  testTimeout: 120000,
};
