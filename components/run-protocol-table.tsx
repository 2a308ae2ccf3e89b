import type { ProtocolChoice } from "@/lib/evaluate";

/** How the run's numbers were made, beside what the paper did; departures are marked. */
export function RunProtocolTable({ protocol }: { protocol: readonly ProtocolChoice[] }) {
  return (
    <div style={{ overflowX: "auto" }}>
      <table data-testid="run-protocol">
        <thead>
          <tr>
            <th>choice</th>
            <th>this run</th>
            <th>the paper</th>
          </tr>
        </thead>
        <tbody>
          {protocol.map((row) => (
            <tr key={row.name} data-differs={row.differs}>
              <td>{row.name}</td>
              <td>
                {row.ours}
                {row.differs ? <strong> (differs)</strong> : null}
              </td>
              <td className="muted">{row.paper}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
