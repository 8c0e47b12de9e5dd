/**
 * The deployable: the {@code vigil} command line and the Spring Boot application that assembles the roles
 * ({@code ingest}, {@code streams}, {@code alerting}, {@code console}) from the stage modules' auto-configurations,
 * starting the embedded Kafka and OpenSearch when none is configured.
 */
package dev.vigil.app;
