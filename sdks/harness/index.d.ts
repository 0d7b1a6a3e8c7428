import * as platform from "./platform";
import * as fmeFeatureFlag from "./fmeFeatureFlag";
import * as types from "./types";
export { Provider, ProviderArgs } from "./provider";
export { platform, fmeFeatureFlag, types };
