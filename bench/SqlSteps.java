import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a SQL script statement by statement (statements end with ";" at the end of a line) and
 * prints each one's time and row count: what RunScript does, with timings. Used by
 * bench/seed.sh when SEED_VERBOSE=1. Usage: java -cp h2.jar bench/SqlSteps.java JDBC_URL SCRIPT
 *
 * <p>
 * With {@code --query SQL} instead of a script, prints each row of the query on a line, its values
 * separated by single spaces, whole (H2's Shell cuts long values).
 */
public class SqlSteps {

	public static void main(String[] args) throws Exception {
		try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
			if ("--query".equals(args[1])) {
				query(connection, args[2]);
				return;
			}
			String script = Files.readString(Path.of(args[1]));
			for (String statement : script.split(";\\s*\\n")) {
				String sql = statement.replaceAll("(?m)^\\s*--.*$", "").trim();
				if (sql.isEmpty()) {
					continue;
				}
				long start = System.nanoTime();
				int rows;
				try (Statement s = connection.createStatement()) {
					s.execute(sql);
					rows = s.getUpdateCount();
				}
				String oneLine = sql.replaceAll("\\s+", " ");
				System.out.printf("%7.1f s %9d  %s%n", (System.nanoTime() - start) / 1e9, Math.max(rows, 0),
						oneLine.substring(0, Math.min(100, oneLine.length())));
			}
		}
	}

	private static void query(Connection connection, String sql) throws Exception {
		try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<String> values = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					values.add(String.valueOf(rs.getString(i)));
				}
				System.out.println(String.join(" ", values));
			}
		}
	}

}
