import type { Figure3Table } from "@/lib/evaluate";

function cellText(cell: { estimate: number; lower: number; upper: number } | null): string {
  return cell === null ? "—" : `${cell.estimate.toFixed(3)} [${cell.lower.toFixed(3)}, ${cell.upper.toFixed(3)}]`;
}

/** The paper's Figure 3 as a table (or some of its rows and columns): a row per fraction rewritten, each cell an estimate with its CI, nats. */
export function Figure3TableView({
  table,
  testId = "figure3-table",
  rowTestId = "figure3-row",
}: {
  table: Pick<Figure3Table, "rows"> & { columns: readonly { id: string; label: string }[] };
  testId?: string;
  rowTestId?: string;
}) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>fraction rewritten</th>
          {table.columns.map((c) => (
            <th key={c.id}>{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.fraction} data-testid={rowTestId} data-fraction={row.fraction}>
            <td>{row.fraction}</td>
            {row.cells.map((cell, i) => (
              <td key={table.columns[i].id} data-column={table.columns[i].id} data-value={cell?.estimate} style={{ fontVariantNumeric: "tabular-nums" }}>
                {cellText(cell)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
