# syntax=docker/dockerfile:1
# Vigil's container image: built with the Maven wrapper on a JDK, run on a JRE as a non-root user.
# The root file system may be read-only: Vigil writes only to /var/lib/vigil (a volume) and /tmp (a tmpfs).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The Maven repository is a BuildKit cache, so a rebuild does not download the dependencies again.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl app -am package \
 && java -Djarmode=tools -jar app/target/vigil.jar extract --layers --destination /layers

FROM eclipse-temurin:17-jre
# curl only serves the HEALTHCHECK; the Temurin images no longer ship it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 vigil \
 && useradd --system --uid 10001 --gid vigil --home-dir /var/lib/vigil --no-create-home --shell /usr/sbin/nologin vigil \
 && mkdir -p /var/lib/vigil \
 && chown vigil:vigil /var/lib/vigil
# One layer per rate of change: libraries first, Vigil's own jars last.
COPY --from=build /layers/dependencies/ /opt/vigil/
COPY --from=build /layers/spring-boot-loader/ /opt/vigil/
COPY --from=build /layers/snapshot-dependencies/ /opt/vigil/
COPY --from=build /layers/application/ /opt/vigil/
USER 10001:10001
WORKDIR /var/lib/vigil
VOLUME ["/var/lib/vigil", "/tmp"]
ENV SERVER_ADDRESS=0.0.0.0 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=8 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/opt/vigil/vigil.jar"]
CMD ["run"]
