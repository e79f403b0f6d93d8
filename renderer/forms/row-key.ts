let keys = 0;

/** A React key for a new row of an editable list (line items, payment plan, milestones). */
export const rowKey = () => `row-${++keys}`;
