"use strict";
// Input and output shapes are types only; the namespaces exist at run time as in the published SDK.
exports.input = {};
exports.output = {};
