package dev.vigil.embedded;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * An OpenSearch {@link Node} with the modules Vigil needs loaded from the classpath (there is no distribution with a
 * {@code modules/} directory here): the Netty HTTP layer, common analysis, extra mappers and reindex (delete-by-query).
 */
final class OpenSearchNode extends Node {

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
            Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class, ReindexPlugin.class);
    private static final AtomicBoolean LOG_IDS_CLAIMED = new AtomicBoolean();

    OpenSearchNode(Settings settings) {
        super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name")),
                PLUGINS, true);
    }

    /**
     * The node and cluster ids that log patterns can show are JVM-wide and settable once: only the first node of the
     * JVM sets them, so that a restarted (or second) node does not log an {@code AlreadySetException}.
     */
    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
        if (LOG_IDS_CLAIMED.compareAndSet(false, true)) {
            super.configureNodeAndClusterIdStateListener(clusterService);
        }
    }

    /** The port the HTTP layer actually bound, also when it was asked for port 0. */
    int httpPort() {
        return injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
    }
}
