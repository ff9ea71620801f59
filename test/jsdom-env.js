// jsdom lacks structuredClone, which fake-indexeddb needs; lend it Node's.
const Base = require("jest-environment-jsdom").TestEnvironment || require("jest-environment-jsdom").default;
module.exports = class JsdomWithStructuredClone extends Base {
  constructor(...args) {
    super(...args);
    this.global.structuredClone = structuredClone;
    this.global.TextEncoder = TextEncoder;
    this.global.TextDecoder = TextDecoder;
  }
};
