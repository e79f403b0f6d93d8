/**
 * The "delivery" section of the catalogs, kept in its own file so each area's strings sit together.
 * zh-CN is the reference; en must have the same keys (the type below checks it).
 */
export const deliveryZhCN = {};

export const deliveryEn: typeof deliveryZhCN = {};
