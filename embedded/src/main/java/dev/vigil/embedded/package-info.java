/**
 * A real KRaft Kafka broker and a real OpenSearch node inside the JVM, for Vigil's local default ({@code vigil run}
 * with nothing configured) and for integration tests, plus the JUnit extensions that share them across a test run.
 */
package dev.vigil.embedded;
