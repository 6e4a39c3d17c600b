package io.intelligencesuite.local.demo;

/** Word lists for people, schools and the demo company's own web pages. */
final class Names {
  static final String[] FIRST = {
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
    "Mia", "Mateo", "Amelia", "Ethan", "Harper", "Daniel", "Evelyn", "Henry", "Abigail", "Jack",
    "Emily", "Samuel", "Ella", "Owen", "Grace", "David", "Chloe", "Joseph", "Zoe", "Nikos",
    "Maria", "Eleni", "Giorgos", "Priya", "Arjun", "Aisha", "Omar", "Fatima", "Sean", "Siobhan",
    "Thandi", "Sipho", "Lars", "Anke", "Pieter", "Claire", "Rachel", "Tom", "Hannah", "Ruth"
  };
  static final String[] LAST = {
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Papadopoulos",
    "Georgiou",
    "Nikolaou",
    "Sharma",
    "Patel",
    "Khan",
    "Murphy",
    "Kelly",
    "Byrne",
    "Nkosi",
    "Dlamini",
    "de Vries",
    "Jansen",
    "O'Brien",
    "Campbell",
    "Evans",
    "Reid"
  };
  static final String[] SCHOOL_PLACE = {
    "Oakridge",
    "Riverside",
    "Maple Grove",
    "Cedar Hill",
    "Lakeside",
    "Hillcrest",
    "Westbrook",
    "Northfield",
    "Silver Birch",
    "Brookfield",
    "Greenwood",
    "Kingsway",
    "St. Mary's",
    "St. Andrew's",
    "Harbour View",
    "Summit",
    "Pinecrest",
    "Fairview",
    "Ashford",
    "Willow Creek",
    "Highgate",
    "Meadowbank",
    "Stonebridge",
    "Bayside",
    "Elmwood",
    "Foxhill",
    "Redwood",
    "Clearwater",
    "Hawthorn",
    "Springvale",
    "Kensington",
    "Olympia",
    "Aristotle",
    "Athena",
    "Mulberry",
    "Orchard"
  };
  static final String[] SCHOOL_KIND = {
    "Academy", "Primary School", "High School", "International School", "Prep School",
    "Montessori School", "College", "Language School", "Grammar School", "Learning Centre"
  };
  static final String[] FREE_MAIL = {
    "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com"
  };

  private Names() {}

  /** Zero-padded decimal (String.format("%0Nd") without the formatter's cost in hot loops). */
  static String pad(long n, int width) {
    String s = Long.toString(n);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  /** Lower-case, letters and digits only: how a school turns its name into a domain label. */
  static String slug(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
