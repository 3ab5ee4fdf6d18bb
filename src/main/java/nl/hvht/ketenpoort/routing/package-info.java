/**
 * Who receives a message. The rules live in Camel YAML files in the top-level {@code routes/} folder
 * (route {@code resolve-recipients}: by message type, which recipients are added); the work is done by
 * {@link nl.hvht.ketenpoort.routing.DistributionRules}, which reads the fields and checks that every
 * recipient is a partner of the right kind.
 *
 * <p>Answers follow the question ({@code AnswerStep}, route {@code resolve-answer}): a message of an answer type
 * ({@link nl.hvht.ketenpoort.routing.RoutingProperties.Answers}) goes to the sender of the message its
 * {@code correlatieId} names, checked against the ledger through
 * {@link nl.hvht.ketenpoort.routing.Questions} (implemented by the ledger's owner, the delivery package); the optional flow
 * ground for answers is handed to consent as a legal task ({@code AnswerGrondslag}), and so is the technical ground for
 * Retourberichten to the sender of the message they answer. Owns no table.
 */
package nl.hvht.ketenpoort.routing;
