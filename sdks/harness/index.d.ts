import * as platform from "./platform";
import * as fmefeatureflag from "./fmefeatureflag";
import * as fmesegment from "./fmesegment";
import * as fmeenvironment from "./fmeenvironment";
import * as fme from "./fme";
import * as types from "./types";
export { Provider, ProviderArgs } from "./provider";
export { platform, fmefeatureflag, fmesegment, fmeenvironment, fme, types };
