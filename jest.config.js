/** Jest runs TypeScript through ts-jest; tests live under tests/. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx", esModuleInterop: true, resolveJsonModule: true, isolatedModules: true } }],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};
