package dev.vigil.ingest.config;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Map;

/**
 * The Amazon Data Firehose endpoint ({@code POST /v1/audit/firehose}, {@code vigil.ingest.firehose.*}) that takes
 * EKS audit logs from a CloudWatch Logs subscription. Its access key is one of {@code vigil.ingest.tokens}; the body
 * size limit, the read deadline, the request limits and the acknowledgement timeout are the webhook's.
 *
 * @param logGroups CloudWatch Logs log group to the cluster its events are recorded as, for log groups that do not
 *                  follow EKS's {@code /aws/eks/<cluster>/cluster} (whose cluster is {@code <cluster>} without a
 *                  mapping); write a log group as {@code log-groups.[/aws/eks/prod/cluster]=prod-1}. The access key
 *                  must be allowed the cluster either way
 */
@ConfigurationProperties("vigil.ingest.firehose")
@Validated
public record FirehoseProperties(Map<String, @Pattern(regexp = IngestProperties.CLUSTER_NAME) String> logGroups) {

    public FirehoseProperties {
        logGroups = logGroups == null ? Map.of() : Map.copyOf(logGroups);
    }
}
