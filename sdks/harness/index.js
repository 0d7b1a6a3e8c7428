"use strict";
exports.Provider = require("./provider").Provider;
exports.platform = require("./platform");
exports.fmeFeatureFlag = require("./fmeFeatureFlag");
exports.types = require("./types");
