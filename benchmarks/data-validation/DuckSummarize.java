import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * DuckDB's SUMMARIZE of a CSV file through its JDBC driver (org.duckdb:duckdb_jdbc from Maven
 * Central), as benchmarks/data-validation/run.sh compares it: 2 threads, a 256 MB memory limit,
 * the file read by read_csv with its own type detection. Prints one line per column (name, min,
 * max, approximate distinct count, mean, std, q25, q50, q75, count).
 *
 * <p>Usage: java -cp duckdb_jdbc.jar:DIR DuckSummarize FILE [THREADS] [MEMORY]
 * Not part of mlops: a measuring tool.
 */
public final class DuckSummarize {
    private DuckSummarize() {
    }

    public static void main(String[] args) throws Exception {
        String file = args[0].replace("'", "''");
        String threads = args.length > 1 ? args[1] : "2";
        String memory = args.length > 2 ? args[2] : "256MB";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            s.execute("SET threads = " + Integer.parseInt(threads));
            s.execute("SET memory_limit = '" + memory.replace("'", "") + "'");
            try (ResultSet r = s.executeQuery("SUMMARIZE SELECT * FROM read_csv('" + file + "')")) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        line.append(i > 1 ? "\t" : "").append(r.getString(i));
                    }
                    System.out.println(line);
                }
            }
        }
    }
}
