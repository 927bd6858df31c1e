// The SQL of the PostgreSQL ledger that more than one method needs. Row mapping is shared with the
// SQLite adapter: both schemas have the same columns, and BIGINT comes back as a number (pg-pool.ts).

export const PG_ORDER_SELECT = `
  SELECT o.*, (SELECT COALESCE(json_object_agg(t.status, t.total), '{}')::text
               FROM (SELECT r.status, SUM(r.amount) AS total FROM refunds r
                     WHERE r.order_id = o.id GROUP BY r.status) t) AS refund_totals
  FROM orders o`;

/** Numbered placeholders for conditions built at run time. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  /** `clause` uses `?` for its one parameter. */
  add(clause: string, value: unknown): this {
    this.params.push(value);
    this.clauses.push(clause.replace('?', `$${this.params.length}`));
    return this;
  }

  /** The next placeholder, for a parameter after the conditions (LIMIT). */
  next(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}
