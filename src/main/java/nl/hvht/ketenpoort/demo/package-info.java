/**
 * The embedded demo run ({@code ./mvnw spring-boot:run}): example certificates generated when missing, a
 * consent seeded for the example participant, and a built-in receiver that stands in for every example
 * partner and checks the gateway's signature on what it receives. Off in production
 * ({@code ketenpoort.demo.enabled=false}).
 */
package nl.hvht.ketenpoort.demo;
