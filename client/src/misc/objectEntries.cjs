// node-polyglot (react-admin's translations) requires the `object.entries` polyfill, which brings
// ~15 KB of ES-shim helpers (get-intrinsic, call-bind, …) into the first download. Every browser the
// console supports has Object.entries: vite.config.ts aliases the polyfill to it.
module.exports = Object.entries;
