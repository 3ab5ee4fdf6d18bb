/**
 * Who receives a message. The rules live in Camel YAML files in the top-level {@code routes/} folder
 * (route {@code resolve-recipients}: by message type, which recipients are added); the work is done by
 * {@link nl.hvht.ketenpoort.routing.DistributionRules}, which reads the fields and checks that every
 * recipient is a partner of the right kind.
 */
package nl.hvht.ketenpoort.routing;
