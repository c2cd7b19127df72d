import { sqliteTestStore } from "../support/test-stores.ts";
import { describeStoreContract } from "./store-contract.ts";

describeStoreContract("SQLite", sqliteTestStore);
