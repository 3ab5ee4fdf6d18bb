package nl.hvht.ketenpoort.crash;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * One broker of an Artemis shared-store HA pair, as its own OS process ({@link BrokerPair} starts two): the Artemis
 * server from Maven Central (the same {@code artemis-server} the gateway embeds), configured as a production broker
 * would be in its {@code broker.xml}: persistent journal with fsync, a shared store (journal, bindings, paging and
 * large messages on one directory both brokers see, guarded by Artemis's file lock), failover on shutdown, fail-back
 * to the primary when it returns, and a static cluster connection so clients learn the backup from the primary.
 *
 * <p>Arguments: {@code primary|backup <port> <other-port> <shared-directory>}. Runs until killed.
 */
public final class BrokerNode {

    private BrokerNode() {
    }

    public static void main(String[] args) throws Exception {
        // Without a logback file of its own, logback would print Artemis's DEBUG lines.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        // Artemis's audit log has a line per message sent and acknowledged: CPU the gateways need on a small machine.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.activemq.audit"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        if (args.length != 4 || !List.of("primary", "backup").contains(args[0])) {
            throw new IllegalArgumentException("usage: BrokerNode primary|backup <port> <other-port> <shared-directory>");
        }
        boolean primary = args[0].equals("primary");
        int port = Integer.parseInt(args[1]);
        int otherPort = Integer.parseInt(args[2]);
        Path shared = Path.of(args[3]).toAbsolutePath();

        Configuration config = new ConfigurationImpl()
                .setName("ketenpoort-" + args[0])
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDatasync(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(shared.resolve("journal").toString())
                .setBindingsDirectory(shared.resolve("bindings").toString())
                .setPagingDirectory(shared.resolve("paging").toString())
                .setLargeMessagesDirectory(shared.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(shared.resolve("lock").toString())
                .setClusterUser("ketenpoort-cluster")
                .setClusterPassword("crash-suite-only")
                .addAcceptorConfiguration("netty", "tcp://127.0.0.1:" + port)
                .addConnectorConfiguration("self", "tcp://127.0.0.1:" + port)
                .addConnectorConfiguration("other", "tcp://127.0.0.1:" + otherPort)
                .addClusterConfiguration(new ClusterConnectionConfiguration()
                        .setName("pair")
                        .setConnectorName("self")
                        .setStaticConnectors(List.of("other"))
                        .setRetryInterval(200));
        if (primary) {
            config.setHAPolicyConfiguration(new SharedStorePrimaryPolicyConfiguration().setFailoverOnServerShutdown(true));
        } else {
            config.setHAPolicyConfiguration(new SharedStoreBackupPolicyConfiguration()
                    .setFailoverOnServerShutdown(true).setAllowFailBack(true).setRestartBackup(true));
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        System.out.println("=== broker " + args[0] + " started (port " + port + ", shared store " + shared + ")");
        new CountDownLatch(1).await(); // until the test kills this process
    }
}
