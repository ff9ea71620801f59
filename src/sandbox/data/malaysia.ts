/** Malaysian details for buyers, addresses, couriers and payment methods of seeded orders. */

export interface MalaysianPlace {
  city: string;
  state: string;
  postalCode: string;
  /** Sabah, Sarawak and Labuan cost more to ship to. */
  east: boolean;
}

export const PLACES: readonly MalaysianPlace[] = [
  { city: "Kuala Lumpur", state: "Wilayah Persekutuan Kuala Lumpur", postalCode: "50450", east: false },
  { city: "Petaling Jaya", state: "Selangor", postalCode: "46000", east: false },
  { city: "Shah Alam", state: "Selangor", postalCode: "40000", east: false },
  { city: "Subang Jaya", state: "Selangor", postalCode: "47500", east: false },
  { city: "Johor Bahru", state: "Johor", postalCode: "80000", east: false },
  { city: "George Town", state: "Pulau Pinang", postalCode: "10200", east: false },
  { city: "Ipoh", state: "Perak", postalCode: "30000", east: false },
  { city: "Seremban", state: "Negeri Sembilan", postalCode: "70000", east: false },
  { city: "Melaka", state: "Melaka", postalCode: "75000", east: false },
  { city: "Kuantan", state: "Pahang", postalCode: "25000", east: false },
  { city: "Alor Setar", state: "Kedah", postalCode: "05000", east: false },
  { city: "Kota Bharu", state: "Kelantan", postalCode: "15000", east: false },
  { city: "Kota Kinabalu", state: "Sabah", postalCode: "88000", east: true },
  { city: "Kuching", state: "Sarawak", postalCode: "93000", east: true },
  { city: "Miri", state: "Sarawak", postalCode: "98000", east: true },
];

export const STREETS: readonly string[] = [
  "Jalan Ampang",
  "Jalan SS 2/24",
  "Jalan Tun Razak",
  "Lorong Bukit Bintang",
  "Jalan Dato Onn",
  "Persiaran Gurney",
  "Jalan Sultan Idris Shah",
  "Jalan Merdeka",
  "Jalan Bunga Raya",
  "Jalan Kebun Teh",
];

export const BUYER_NAMES: readonly string[] = [
  "Nur Aisyah Rahman",
  "Tan Wei Ming",
  "Priya Devi",
  "Muhammad Hafiz",
  "Lim Mei Ling",
  "Siti Nurhaliza",
  "Kumar Rajan",
  "Wong Jia Hui",
  "Farah Nadia",
  "Ahmad Faiz",
  "Chong Kah Yee",
  "Nurul Izzah",
  "Arjun Nair",
  "Lee Chee Keong",
  "Amirah Zulkifli",
];

export const COURIERS: readonly { name: string; id: string; trackingPrefix: string }[] = [
  { name: "J&T Express", id: "6999998888888881001", trackingPrefix: "63" },
  { name: "Ninja Van", id: "6999998888888881002", trackingPrefix: "NVMY" },
  { name: "Pos Malaysia", id: "6999998888888881003", trackingPrefix: "ER" },
  { name: "Flash Express", id: "6999998888888881004", trackingPrefix: "MF" },
  { name: "DHL eCommerce", id: "6999998888888881005", trackingPrefix: "MYCEN" },
];

export const PAYMENT_METHODS: readonly (readonly [string, number])[] = [
  ["Online Banking (FPX)", 30],
  ["Credit / Debit Card", 25],
  ["Touch 'n Go eWallet", 20],
  ["TikTok Shop PayLater", 8],
  ["Boost", 5],
  ["Cash on Delivery", 12],
];

export const BUYER_MESSAGES: readonly string[] = ["", "", "", "", "", "Please pack nicely, it's a gift.", "Tolong hantar cepat ya, terima kasih!", "Call before delivery."];

export const CANCEL_REASONS = {
  BUYER: ["No longer needed", "Need to change delivery address", "Found a better price elsewhere", "Ordered by mistake"],
  SELLER: ["Out of stock", "Pricing error"],
  SYSTEM: ["Payment overdue", "Package delivery failed"],
} as const;

/** "Tan Wei Ming" → "T*n W*i M**g": buyer names are desensitized for platform-shipped orders. */
export function maskName(name: string): string {
  return name
    .split(" ")
    .map((word) => (word.length <= 2 ? `${word[0]}*` : word[0] + "*".repeat(word.length - 2) + word[word.length - 1]))
    .join(" ");
}
