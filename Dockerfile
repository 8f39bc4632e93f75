# Multi-stage: builds the executable jar with the Maven Wrapper, then runs it on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /opt/fedcmdb
COPY --from=build /src/target/fedcmdb-*.jar fedcmdb.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/fedcmdb/fedcmdb.jar"]
