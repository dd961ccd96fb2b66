# Build with the same Maven command as the README, run as a non-root user with /data as a volume.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
COPY frontend-assets frontend-assets
RUN mvn -B package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends docker-registry \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /home/berth berth \
 && mkdir /data && chown berth:berth /data
COPY --from=build /src/target/berth-*.jar /app/berth.jar
USER berth
ENV BERTH_DATA_DIR=/data
# Sized for the embedded default as the README's command is (bench/RESULTS.md has its memory);
# override with -e JAVA_TOOL_OPTIONS=… for a bigger node.
ENV JAVA_TOOL_OPTIONS="-Xmx192m -XX:MaxMetaspaceSize=128m -Xss512k -XX:+UseSerialGC" MALLOC_ARENA_MAX=2
VOLUME /data
EXPOSE 8080 5000
ENTRYPOINT ["java", "-jar", "/app/berth.jar"]
