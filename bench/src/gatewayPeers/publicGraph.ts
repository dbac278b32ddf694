import { parse, type DocumentNode } from 'graphql';

/**
 * A public-shaped federated graph (the accounts / inventory / products / reviews services that gateway benchmarks
 * commonly use): four small subgraphs over in-memory data, and one nested query that crosses all four several times.
 * The data is fixed so every gateway's answer can be compared byte for byte.
 */
export interface PublicSubgraph {
  name: 'accounts' | 'inventory' | 'products' | 'reviews';
  typeDefs: DocumentNode;
  resolvers: Record<string, Record<string, unknown>>;
}

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@shareable"])';

const users = Array.from({ length: 5 }, (_, i) => ({ id: `u${i + 1}`, name: `User ${i + 1}`, username: `user${i + 1}` }));
const products = Array.from({ length: 5 }, (_, i) => ({ upc: `p${i + 1}`, name: `Product ${i + 1}`, price: 100 * (i + 1), weight: 10 + i }));
const inventory = products.map((product, i) => ({ upc: product.upc, inStock: i % 2 === 0 }));
const reviews = Array.from({ length: 10 }, (_, i) => ({
  id: `r${i + 1}`,
  body: `Review ${i + 1} of ${products[i % products.length]!.name}`,
  authorId: users[i % users.length]!.id,
  productUpc: products[(i * 3) % products.length]!.upc,
}));

export const publicSubgraphs: PublicSubgraph[] = [
  {
    name: 'accounts',
    typeDefs: parse(`${link}
      type Query { me: User users: [User!]! }
      type User @key(fields: "id") { id: ID! name: String username: String }`),
    resolvers: {
      Query: { me: () => users[0], users: () => users },
      User: { __resolveReference: (ref: { id: string }) => users.find((user) => user.id === ref.id) },
    },
  },
  {
    name: 'inventory',
    typeDefs: parse(`${link}
      type Product @key(fields: "upc") {
        upc: String!
        weight: Int @external
        price: Int @external
        inStock: Boolean
        shippingEstimate: Int @requires(fields: "price weight")
      }`),
    resolvers: {
      Product: {
        __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref, ...inventory.find((item) => item.upc === ref.upc) }),
        // Free for expensive items, otherwise half the weight.
        shippingEstimate: (product: { price?: number; weight?: number }) => ((product.price ?? 0) > 1000 ? 0 : Math.round((product.weight ?? 0) * 0.5)),
      },
    },
  },
  {
    name: 'products',
    typeDefs: parse(`${link}
      type Query { topProducts(first: Int = 5): [Product!]! }
      type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`),
    resolvers: {
      Query: { topProducts: (_: unknown, args: { first: number }) => products.slice(0, args.first) },
      Product: { __resolveReference: (ref: { upc: string }) => products.find((product) => product.upc === ref.upc) },
    },
  },
  {
    name: 'reviews',
    typeDefs: parse(`${link}
      type Review @key(fields: "id") { id: ID! body: String author: User product: Product }
      type User @key(fields: "id") { id: ID! reviews: [Review!]! }
      type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }`),
    resolvers: {
      Review: {
        author: (review: { authorId: string }) => ({ __typename: 'User', id: review.authorId }),
        product: (review: { productUpc: string }) => ({ __typename: 'Product', upc: review.productUpc }),
      },
      User: { reviews: (user: { id: string }) => reviews.filter((review) => review.authorId === user.id) },
      Product: { reviews: (product: { upc: string }) => reviews.filter((review) => review.productUpc === product.upc) },
    },
  },
];

/** The nested query: users → reviews → product → reviews → author → reviews → product, and top products likewise. */
export const PUBLIC_QUERY = `
fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }
query TestQuery {
  users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`;
