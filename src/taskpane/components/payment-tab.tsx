import { Text } from "@fluentui/react-components";

/** Settlement import is not part of this version; the tab says so rather than pretending. */
export function PaymentTab() {
  return (
    <section className="tab-body" aria-label="Payment">
      <Text>
        Loading the Seller Center settlement CSV and posting customer payments is not available in this version yet. Post
        your orders as invoices on the Orders tab; they will be knocked off when payments are posted.
      </Text>
    </section>
  );
}
