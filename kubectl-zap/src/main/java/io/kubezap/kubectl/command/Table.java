package io.kubezap.kubectl.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table as kubectl prints them: upper-case headers, columns padded to their widest cell, three spaces apart;
 * each cell shown as {@link TerminalText#visible}, as cells carry what tenants wrote.
 */
final class Table {

    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> headers) {
        rows.add(headers);
    }

    Table row(List<String> cells) {
        rows.add(cells.stream().map(TerminalText::visible).toList());
        return this;
    }

    void print(PrintWriter out) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i < columns - 1 ? String.format("%-" + (widths[i] + 3) + "s", row.get(i)) : row.get(i));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
