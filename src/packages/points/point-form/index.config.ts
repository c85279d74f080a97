export default definePageConfig({
  navigationBarTitleText: '联系点信息',
});
