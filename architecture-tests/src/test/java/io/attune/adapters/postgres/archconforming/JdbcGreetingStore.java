package io.attune.adapters.postgres.archconforming;

import io.attune.application.port.out.archconforming.GreetingStore;
import io.attune.domain.archconforming.Greeting;
import java.sql.Connection;
import java.sql.SQLException;

/** An outbound adapter: JDBC is at home here. */
public class JdbcGreetingStore implements GreetingStore {

    private final Connection connection;

    public JdbcGreetingStore(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void save(Greeting greeting, byte[] signature) {
        try (var statement = connection.prepareStatement("insert into greeting(line, signature) values (?, ?)")) {
            statement.setString(1, String.join(",", greeting.lines()));
            statement.setBytes(2, signature);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
