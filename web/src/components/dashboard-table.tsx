// The text alternative of a chart and the place of every figure's sources: a plain table with a
// caption naming what is counted and in which unit. A gap row says so in words.
import type { ReactNode } from 'react';

export interface TableColumn {
  header: string;
  numeric?: boolean;
}

export interface TableRow {
  key: string;
  cells: ReactNode[];
  gap?: boolean;
}

export function DashboardTable({
  id,
  caption,
  columns,
  rows,
}: {
  id: string;
  caption: ReactNode;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
}) {
  return (
    <div className="dashboard-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table id={id} className="dashboard-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.gap ? 'gap' : undefined}>
              {row.cells.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={index} className={columns[index]?.numeric ? 'numeric' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
