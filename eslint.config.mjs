import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "bench/out/**", "test-results/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // src/core is pure domain code: no Office.js, no IndexedDB, no React, no network, no clock.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "idb", message: "src/core is pure: the ledger lives in src/ledger." },
            { name: "react", message: "src/core is pure: UI lives in src/taskpane." },
            { name: "react-dom", message: "src/core is pure: UI lives in src/taskpane." },
            { name: "node-fetch", message: "src/core receives a transport; it does no I/O." },
            { name: "http", message: "src/core receives a transport; it does no I/O." },
            { name: "https", message: "src/core receives a transport; it does no I/O." },
            { name: "node:http", message: "src/core receives a transport; it does no I/O." },
            { name: "fs", message: "src/core does no I/O." },
            { name: "node:fs", message: "src/core does no I/O." },
          ],
          patterns: [
            { group: ["@microsoft/office-js*", "office-*"], message: "Excel calls live in src/excel." },
            { group: ["@fluentui/*"], message: "src/core is pure: UI lives in src/taskpane." },
            { group: ["fake-indexeddb*", "../ledger/*", "../../ledger/*", "../excel/*", "../../excel/*"], message: "src/core depends on nothing outside it." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "src/core receives a transport; it does no I/O." },
        { name: "Excel", message: "Excel calls live in src/excel." },
        { name: "Office", message: "Office calls live in src/excel." },
        { name: "indexedDB", message: "The ledger lives in src/ledger." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "src/core receives a clock." },
        { object: "Math", property: "random", message: "src/core is deterministic." },
      ],
    },
  },
);
