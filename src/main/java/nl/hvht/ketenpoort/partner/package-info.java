/**
 * The partner network and partner identity: the registry loaded from configuration (ids, OINs, kinds,
 * endpoints or mailbox collection ({@code bezorging}), certificates; invalid configuration stops start-up), the mapping from a client
 * certificate's OIN (subject serialNumber) to a partner, and the security rules of the partner API.
 */
package nl.hvht.ketenpoort.partner;
