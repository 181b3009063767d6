// The islands by name. Each takes (element, data) and draws into element.
export const islands = {};
