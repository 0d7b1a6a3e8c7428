/** Stacks whose name starts with prod are production: protected by default, Server keys only. */
export const isProductionStack = (stack: string) => stack.startsWith("prod");
